// A progress bar on stderr: "[#####.....]  3/7 label".
#pragma once
#include <string>

namespace finsim_client {

class Progress {
 public:
  Progress(std::string label, long total);
  void update(long done, const std::string& detail = "");
  void finish(const std::string& detail = "");

 private:
  std::string label_;
  long total_;
  bool tty_;
  long last_ = -1;
};

}  // namespace finsim_client
