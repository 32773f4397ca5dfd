// finsim: the command-line client of the finsim extension (libpq).
//   finsim demo | agent | bench | load [options]     finsim <command> --help     finsim --version
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "db.hpp"

using namespace finsim_client;

#ifndef FINSIM_CLIENT_VERSION
#define FINSIM_CLIENT_VERSION "unknown"  // the Makefile passes the extension's EXTVERSION
#endif

namespace {
const char* kUsage =
    "usage: finsim <command> [options]\n"
    "       finsim --version\n"
    "\n"
    "commands:\n"
    "  demo    create an account, run virtual days with a progress bar, print the estate and its waste\n"
    "  agent   the reference rule-based agent: log in with an API key, act on findings, print the scorecard\n"
    "  bench   generator, drift and detection benchmarks against their floors and peers (markdown)\n"
    "  load    concurrent agents plus drift ticks on one account, then verify nothing was lost\n"
    "\n"
    "Connection: PGHOST, PGPORT, PGDATABASE, PGUSER (libpq) or --dsn 'host=... dbname=...'.\n"
    "Run 'finsim <command> --help' for the options of a command.\n"
    "exit codes: 0 ok, 1 failure, 2 usage error\n";
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (cmd == "--version") {
    int libpq = PQlibVersion();  // e.g. 150020 for 15.20
    std::printf("finsim client %s (libpq %d.%d)\n", FINSIM_CLIENT_VERSION, libpq / 10000, libpq % 10000);
    return 0;
  }
  try {
    if (cmd == "demo") return cmd_demo(argc, argv, 2);
    if (cmd == "agent") return cmd_agent(argc, argv, 2);
    if (cmd == "bench") return cmd_bench(argc, argv, 2);
    if (cmd == "load") return cmd_load(argc, argv, 2);
    std::fprintf(stderr, "finsim: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
    return 2;
  } catch (const UsageError& e) {
    std::fprintf(stderr, "finsim %s: %s\n(see 'finsim %s --help')\n", cmd.c_str(), e.what(), cmd.c_str());
    return 2;
  } catch (const DbError& e) {
    std::fprintf(stderr, "finsim %s: %s%s%s%s\n", cmd.c_str(), e.what(), e.sqlstate().empty() ? "" : " [SQLSTATE ",
                 e.sqlstate().c_str(), e.sqlstate().empty() ? "" : "]");
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "finsim %s: %s\n", cmd.c_str(), e.what());
    return 1;
  }
}
