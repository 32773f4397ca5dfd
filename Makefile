# finsim — PGXS build.  `make && make install` with pg_config (PostgreSQL 15) on PATH.
EXTENSION   = finsim
EXTVERSION  = 0.1.0
MODULE_big  = finsim

# Every C++ source under src/ is part of the module; one concept per file.
CPP_SOURCES = $(sort $(wildcard src/*/*.cpp))
OBJS        = $(CPP_SOURCES:.cpp=.o)

# The install script is concatenated from src/sql/*.sql in name order
# (NN_domain.sql), so each domain keeps its own file.
SQL_SOURCES = $(sort $(wildcard src/sql/*.sql))
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql
DATA        = $(filter-out $(DATA_built),$(wildcard $(EXTENSION)--*--*.sql))

# pg_regress: every sql/NAME.sql, in name order.
REGRESS      = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --dbname=contrib_regression

PG_CONFIG ?= pg_config

# Postgres' headers are system headers to us: their own warnings are not ours to fix.
PG_CPPFLAGS = -I$(srcdir)/src -isystem $(shell $(PG_CONFIG) --includedir-server)
PG_CXXFLAGS = -std=c++17 -Wall -Wextra -fno-omit-frame-pointer
# WERROR=1 (used by scripts/build.sh) turns every warning of our own code into an error.
ifeq ($(WERROR),1)
PG_CXXFLAGS += -Werror
endif
SHLIB_LINK += -lstdc++

# SANITIZE=1 builds with AddressSanitizer + UndefinedBehaviorSanitizer.
ifeq ($(SANITIZE),1)
PG_CXXFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=undefined -O1 -g
SHLIB_LINK  += -fsanitize=address,undefined
endif

EXTRA_CLEAN = $(DATA_built) results regression.diffs regression.out tools/finsim/finsim

PGXS := $(shell $(PG_CONFIG) --pgxs)
# Debian's PGXS would also build LLVM bitcode with clang without our C++17 flags;
# finsim is not JIT-inlined.  (override: Makefile.global sets it again.)
override with_llvm = no

include $(PGXS)

$(DATA_built): $(SQL_SOURCES)
	cat $(SQL_SOURCES) > $@

# The client program (libpq).
CLIENT_SOURCES = $(sort $(wildcard tools/finsim/*.cpp))
# `finsim --version` prints EXTVERSION (hence Makefile as a prerequisite).
tools/finsim/finsim: $(CLIENT_SOURCES) $(wildcard tools/finsim/*.hpp) Makefile
	$(CXX) -std=c++17 -O2 -Wall -Wextra $(if $(filter 1,$(WERROR)),-Werror) -I$(shell $(PG_CONFIG) --includedir) \
	    -DFINSIM_CLIENT_VERSION='"$(EXTVERSION)"' \
	    -pthread -o $@ $(CLIENT_SOURCES) -L$(shell $(PG_CONFIG) --libdir) -lpq

client: tools/finsim/finsim
.PHONY: client
