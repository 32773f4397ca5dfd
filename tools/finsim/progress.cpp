#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace finsim_client {

Progress::Progress(std::string label, long total)
    : label_(std::move(label)), total_(total > 0 ? total : 1), tty_(isatty(STDERR_FILENO)) {}

Progress::~Progress() {
  if (open_) std::fputc('\n', stderr);
}

void Progress::update(long done, const std::string& detail) {
  if (done == last_) return;
  last_ = done;
  open_ = tty_;
  const int width = 30;
  int filled = static_cast<int>(width * done / total_);
  std::string bar(filled, '#');
  bar += std::string(width - filled, '.');
  // On a terminal the bar redraws in place; in a log every step gets its own line.
  std::fprintf(stderr, "%s%-12s [%s] %ld/%ld %s%s", tty_ ? "\r\033[K" : "", label_.c_str(), bar.c_str(),
               done, total_, detail.c_str(), tty_ ? "" : "\n");
  std::fflush(stderr);
}

void Progress::finish(const std::string& detail) {
  last_ = -1;
  update(total_, detail);
  if (tty_) std::fputc('\n', stderr);
  open_ = false;
}

}  // namespace finsim_client
