#include "db.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace finsim_client {

namespace {
void quiet_notices(void*, const PGresult*) {}

DbError error_from(PGresult* r, PGconn* c) {
  std::string state;
  std::string msg;
  if (r) {
    const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (s) state = s;
    const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    msg = m ? m : PQresultErrorMessage(r);
    const char* hint = PQresultErrorField(r, PG_DIAG_MESSAGE_HINT);
    if (hint) msg += std::string(" (hint: ") + hint + ")";
  } else {
    msg = PQerrorMessage(c);
  }
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  if (state.empty() && PQstatus(c) != CONNECTION_OK) state = "08006";
  return DbError(state, msg);
}
}  // namespace

int Result::column(const std::string& name) const {
  int i = r_ ? PQfnumber(r_, name.c_str()) : -1;
  if (i < 0) throw DbError("", "result has no column " + name);
  return i;
}

double Result::num(int row, const std::string& col) const {
  int c = column(col);
  return null(row, c) ? 0.0 : std::strtod(PQgetvalue(r_, row, c), nullptr);
}

long long Result::integer(int row, const std::string& col) const {
  int c = column(col);
  return null(row, c) ? 0 : std::strtoll(PQgetvalue(r_, row, c), nullptr, 10);
}

bool Result::numeric_column(int col) const {
  switch (type(col)) {
    case 20: case 21: case 23: case 700: case 701: case 1700: return true;  // int8 int2 int4 float4 float8 numeric
    default: return false;
  }
}

Conn::Conn(const std::string& dsn) {
  c_ = PQconnectdb(dsn.c_str());
  if (!c_ || PQstatus(c_) != CONNECTION_OK) {
    std::string msg = c_ ? PQerrorMessage(c_) : "out of memory";
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    throw DbError("08001", "cannot connect: " + msg);
  }
  PQsetNoticeReceiver(c_, quiet_notices, nullptr);
  PQclear(PQexec(c_, "SET client_min_messages = warning"));
}

Result Conn::exec(const std::string& sql, const std::vector<Param>& params) {
  PGresult* r;
  if (params.empty()) {
    r = PQexecParams(c_, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
  } else {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    r = PQexecParams(c_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                     nullptr, nullptr, 0);
  }
  if (!r || (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK)) {
    DbError e = error_from(r, c_);
    if (r) PQclear(r);
    throw e;
  }
  return Result(r);
}

void Conn::run(const std::string& sql) {
  PGresult* r = PQexec(c_, sql.c_str());
  if (!r || (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK)) {
    DbError e = error_from(r, c_);
    if (r) PQclear(r);
    throw e;
  }
  PQclear(r);
}

std::string Conn::value(const std::string& sql, const std::vector<Param>& params) {
  Result r = exec(sql, params);
  if (r.rows() < 1 || r.cols() < 1) throw DbError("", "query returned no row: " + sql);
  return r.get(0, 0);
}

bool Conn::local() const {
  const char* h = PQhost(c_);
  if (!h || !*h) return true;
  std::string host = h;
  return host[0] == '/' || host == "localhost" || host == "127.0.0.1" || host == "::1";
}

std::string Conn::describe() const {
  std::ostringstream s;
  s << (PQhost(c_) ? PQhost(c_) : "") << ":" << (PQport(c_) ? PQport(c_) : "") << "/"
    << (PQdb(c_) ? PQdb(c_) : "") << " as " << (PQuser(c_) ? PQuser(c_) : "");
  return s.str();
}

long backend_peak_kb(const Conn& c) {
  if (!c.local()) return -1;
  std::ifstream f("/proc/" + std::to_string(c.backend_pid()) + "/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

}  // namespace finsim_client
