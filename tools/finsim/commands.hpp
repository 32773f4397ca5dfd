// The finsim client's commands. Each parses its own options (argv[first..]) and returns the
// exit code: 0 ok, 1 failure; usage errors are thrown as UsageError (exit 2).
#pragma once

namespace finsim_client {

int cmd_demo(int argc, char** argv, int first);
int cmd_agent(int argc, char** argv, int first);
int cmd_bench(int argc, char** argv, int first);
int cmd_load(int argc, char** argv, int first);

}  // namespace finsim_client
