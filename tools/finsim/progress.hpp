// A progress bar on stderr: "[#####.....]  3/7 label".
#pragma once
#include <string>

namespace finsim_client {

class Progress {
 public:
  Progress(std::string label, long total);
  ~Progress();  // a bar left unfinished (an exception) ends its line on a terminal
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void update(long done, const std::string& detail = "");
  void finish(const std::string& detail = "");

 private:
  std::string label_;
  long total_;
  bool tty_;
  long last_ = -1;
  bool open_ = false;  // a terminal line without its newline yet
};

}  // namespace finsim_client
