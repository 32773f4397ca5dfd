#include "backend_memory.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>

namespace finsim_client {

long rss_anon_kb(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("RssAnon:", 0) == 0) return std::strtol(line.c_str() + 8, nullptr, 10);
  }
  return -1;
}

PrivateMemoryPeak::PrivateMemoryPeak(int pid) : pid_(pid) {
  if (pid_ > 0) thread_ = std::thread([this] { sample(); });
}

PrivateMemoryPeak::~PrivateMemoryPeak() { stop(); }

void PrivateMemoryPeak::sample() {
  while (running_.load()) {
    long kb = rss_anon_kb(pid_);
    if (kb > peak_kb_.load()) peak_kb_.store(kb);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

long PrivateMemoryPeak::stop() {
  running_.store(false);
  if (thread_.joinable()) thread_.join();
  if (pid_ > 0) {  // the last state too: a statement shorter than one period
    long kb = rss_anon_kb(pid_);
    if (kb > peak_kb_.load()) peak_kb_.store(kb);
  }
  return peak_kb_.load();
}

}  // namespace finsim_client
