# Thin wrapper: the real build is CMake + Ninja in build/. See README.md.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CTEST_ARGS ?=
CMAKE_ARGS ?=

.PHONY: all deps configure build run test bench soak clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS)

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

# Long runs (not part of `make test`): a memory soak with a change every second and a long idle
# CPU measurement. SOAK_MINUTES defaults to 60.
SOAK_MINUTES ?= 60
soak: build
	LEAGUEDESK_SOAK_MINUTES=$(SOAK_MINUTES) bench/client/run.sh $(BUILD_DIR)
	LEAGUEDESK_BENCH_SAMPLES=5 LEAGUEDESK_BENCH_IDLE_SECONDS=600 bench/client/run.sh $(BUILD_DIR)

# The whole suite on Qt 6.8 (what the Windows and macOS installers ship) in a Debian 13 root,
# cached under /var/cache/leaguedesk (see scripts/check-qt68.sh and packaging/README.md). Root.
# CTEST_ARGS reaches the ctest inside (e.g. make check-qt68 CTEST_ARGS='-R tst_recovery').
.PHONY: check-qt68
check-qt68:
	CTEST_ARGS='$(CTEST_ARGS)' scripts/check-qt68.sh
