# Thin wrapper: the real build is CMake + Ninja in build/. See README.md.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CTEST_ARGS ?=

.PHONY: all deps configure build run test bench soak clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR)

run: build
	@scripts/run-demo.sh $(BUILD_DIR)

test: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 300 $(CTEST_ARGS)

clean:
	rm -rf $(BUILD_DIR)

# Packages (CPack; see packaging/README.md): build/packages/*.deb, *.tar.gz.
.PHONY: package package-check
package: build
	rm -rf $(BUILD_DIR)/packages
	cd $(BUILD_DIR) && cpack

# Slow clean-root check: installs the .debs into a fresh Debian 12 root (debootstrap, cached under
# $(BUILD_DIR)/clean-root) and starts the installed dashboard against the installed server.
package-check: package
	scripts/package-check.sh $(BUILD_DIR)

# Benchmarks (not part of `make test`): figures go into docs/PERFORMANCE.md.
bench: build
	@scripts/bench.sh $(BUILD_DIR)

# The abuse suite's long form (docs/SERVER.md, "Limits"): every attack for ABUSE_SECONDS (ctest
# tst_abuse, part of `make test`, runs each for 2 s). LEAGUEDESK_ABUSE_RSS_MIB / _DB_MIB / _LOG_MIB
# change the budgets.
ABUSE_SECONDS ?= 20
.PHONY: abuse
abuse: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen LEAGUEDESK_ABUSE_SECONDS=$(ABUSE_SECONDS) ./tests/abuse/tst_abuse

# Long runs (not part of `make test`): a memory soak with a change every second and a long idle
# CPU measurement. SOAK_MINUTES defaults to 60.
SOAK_MINUTES ?= 60
soak: build
	LEAGUEDESK_SOAK_MINUTES=$(SOAK_MINUTES) bench/client/run.sh $(BUILD_DIR)
	LEAGUEDESK_BENCH_SAMPLES=5 LEAGUEDESK_BENCH_IDLE_SECONDS=600 bench/client/run.sh $(BUILD_DIR)
