// The private memory of a local backend while one statement runs: a thread samples
// RssAnon in /proc/<pid>/status (anonymous pages: palloc'd memory, hash tables, sorts,
// temp buffers — not the shared buffers the backend touches, which VmHWM counts).
#pragma once

#include <atomic>
#include <thread>

namespace finsim_client {

class PrivateMemoryPeak {
 public:
  // Starts sampling backend pid every few milliseconds; pid <= 0 samples nothing.
  explicit PrivateMemoryPeak(int pid);
  ~PrivateMemoryPeak();
  PrivateMemoryPeak(const PrivateMemoryPeak&) = delete;
  PrivateMemoryPeak& operator=(const PrivateMemoryPeak&) = delete;
  // Stops sampling; the largest RssAnon seen in kB, or -1 when /proc could not be read.
  long stop();

 private:
  void sample();
  int pid_;
  std::atomic<bool> running_{true};
  std::atomic<long> peak_kb_{-1};
  std::thread thread_;
};

// RssAnon of a process in kB, or -1 when unknown.
long rss_anon_kb(int pid);

}  // namespace finsim_client
