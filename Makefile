# Thin wrapper: the real build is CMake + Ninja in build/. See README.md.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CTEST_ARGS ?=
CMAKE_ARGS ?=

.PHONY: all deps configure build run run-cluster test test-sanitize fuzz chaos bench bench-cluster soak clean check-qt68

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

# Three instances on a throwaway PostgreSQL behind HAProxy, dashboard against the load balancer
# (scripts/cluster.sh --help; CLUSTER_ARGS, e.g. "--instances 5" or "--no-dashboard").
CLUSTER_ARGS ?=
run-cluster: build
	@scripts/cluster.sh --build $(BUILD_DIR) $(CLUSTER_ARGS)

test: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 300 $(CTEST_ARGS)

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(FUZZ_DIR)

# The whole suite built with AddressSanitizer + UBSan (Debug, own build folder) and run with ctest.
# Any report fails the test that caused it; suppressions are in tests/sanitizers/, each with its
# reason. The packaging tests are left out: they check installers, not code. Instrumented code is
# several times slower: the money test still runs all 3000 random operations (with fewer, one run
# missed a refusal its coverage check needs; about 80 s), and the chaos suite allows 10 s instead
# of 2 s to converge (its timing promise is checked by `make test`).
# No strict_string_checks: libxkbcommon-x11 (tst_screenshots) legally strndup()s buffers that are
# not NUL-terminated, which that option reports. The screenshot tests run without leak checking:
# Qt's xcb platform plugins leak a few bytes that LeakSanitizer can only attribute to a module
# already unloaded at exit, so no suppression can name them (memory errors are still checked).
# tst_abuse is left out: its budgets measure the server's RSS and timing, which ASan's shadow
# memory and slowdown make meaningless (`make test` runs it).
SANITIZE_DIR ?= build-sanitize
SANITIZE_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer
SANITIZERS := $(CURDIR)/tests/sanitizers
SANITIZE_ASAN := halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1
SANITIZE_UBSAN := halt_on_error=1:print_stacktrace=1:suppressions=$(SANITIZERS)/ubsan.supp
test-sanitize: deps
	cmake -S . -B $(SANITIZE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	    -DCMAKE_CXX_FLAGS="$(SANITIZE_FLAGS)" -DCMAKE_EXE_LINKER_FLAGS="$(SANITIZE_FLAGS)" \
	    -DCMAKE_SHARED_LINKER_FLAGS="$(SANITIZE_FLAGS)" -DCMAKE_MODULE_LINKER_FLAGS="$(SANITIZE_FLAGS)"
	cmake --build $(SANITIZE_DIR)
	cd $(SANITIZE_DIR) && QT_QPA_PLATFORM=offscreen LEAGUEDESK_CHAOS_CONVERGE_MS=10000 \
	    ASAN_OPTIONS=$(SANITIZE_ASAN):detect_leaks=1 LSAN_OPTIONS=suppressions=$(SANITIZERS)/lsan.supp:print_suppressions=0 \
	    UBSAN_OPTIONS=$(SANITIZE_UBSAN) ctest --output-on-failure --timeout 600 -E '^(packaging_|tst_abuse$$|tst_screenshots)' $(CTEST_ARGS)
	cd $(SANITIZE_DIR) && ASAN_OPTIONS=$(SANITIZE_ASAN):detect_leaks=0 UBSAN_OPTIONS=$(SANITIZE_UBSAN) \
	    ctest --output-on-failure --timeout 600 -R '^tst_screenshots' $(CTEST_ARGS)

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
	@scripts/install-deps.sh --bench
	@scripts/bench.sh $(BUILD_DIR)

# Live fan-out, ours next to the Node.js + ws baseline in the same run (bench/server/fanout.sh;
# needs node and npm, installs the pinned ws into $(BUILD_DIR)/bench-node), both driven by the
# epoll load generator bench/server/loadgen. FANOUT_CLIENTS per run, FANOUT_SAMPLES per count,
# FANOUT_LOADGEN more load-generator options (e.g. --workers 1).
FANOUT_CLIENTS ?= 1000,5000,15000,19000
FANOUT_SAMPLES ?= 15
FANOUT_LOADGEN ?=
.PHONY: bench-fanout
bench-fanout: configure
	@scripts/install-deps.sh --bench
	LEAGUEDESK_BENCH_CLIENTS=$(FANOUT_CLIENTS) LEAGUEDESK_BENCH_SAMPLES=$(FANOUT_SAMPLES) \
	    LEAGUEDESK_BENCH_LOADGEN="$(FANOUT_LOADGEN)" bench/server/fanout.sh $(BUILD_DIR)

# Live fan-out over a throwaway cluster (issue 11; bench/server/bench-cluster.sh): PostgreSQL,
# CLUSTER_INSTANCES instances and HAProxy from scripts/cluster.sh on a quiet league, CLUSTER_CLIENTS
# live connections in all spread evenly over the instances (straight, not through HAProxy: one
# process may open 20,000 files), one event to every connection; then the same event with
# CLUSTER_CLIENTS / CLUSTER_INSTANCES connections on one instance as the baseline of the same run.
CLUSTER_INSTANCES ?= 3
CLUSTER_CLIENTS ?= 48000
CLUSTER_SAMPLES ?= 10
.PHONY: bench-cluster
bench-cluster: build
	LEAGUEDESK_BENCH_INSTANCES=$(CLUSTER_INSTANCES) LEAGUEDESK_BENCH_CLIENTS=$(CLUSTER_CLIENTS) \
	    LEAGUEDESK_BENCH_SAMPLES=$(CLUSTER_SAMPLES) bench/server/bench-cluster.sh $(BUILD_DIR)

# The abuse suite's long form (docs/SERVER.md, "Limits"): every attack for ABUSE_SECONDS (ctest
# tst_abuse, part of `make test`, runs each for 2 s). LEAGUEDESK_ABUSE_RSS_MIB / _DB_MIB / _LOG_MIB
# change the budgets.
ABUSE_SECONDS ?= 20
.PHONY: abuse
abuse: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen LEAGUEDESK_ABUSE_SECONDS=$(ABUSE_SECONDS) ./tests/abuse/tst_abuse

# Long runs (not part of `make test`): a memory soak with a change every second, a long idle
# CPU measurement, and the real dashboard (offscreen) against a simulating server with both
# processes' RSS and CPU sampled every minute. SOAK_MINUTES defaults to 60.
SOAK_MINUTES ?= 60
soak: build
	LEAGUEDESK_SOAK_MINUTES=$(SOAK_MINUTES) bench/client/run.sh $(BUILD_DIR)
	LEAGUEDESK_BENCH_SAMPLES=5 LEAGUEDESK_BENCH_IDLE_SECONDS=600 bench/client/run.sh $(BUILD_DIR)
	scripts/soak-dashboard.sh $(BUILD_DIR) $(SOAK_MINUTES)

# libFuzzer (clang-14) over everything that parses network input (tests/fuzz/): each target runs
# FUZZ_SECONDS (default 60) from its seed corpus; executions and crashes are printed per target.
# `make test` replays the seed corpus with the normal build (ctest fuzz_corpus_*).
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := live_envelope rest_resources timestamp client_frame http_request ws_frame
FUZZ_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
fuzz: deps
	cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
	    -DLEAGUEDESK_FUZZ=ON -DCMAKE_CXX_FLAGS="$(FUZZ_FLAGS)" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
	cmake --build $(FUZZ_DIR) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	scripts/fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The chaos suite's long form (tests/chaos; `make test` runs 20 trials): TRIALS seeded fault
# schedules from CHAOS_SEED on; every failure prints its seed, and
# `make chaos TRIALS=1 CHAOS_SEED=S` replays it. Figures in docs/RELIABILITY.md.
TRIALS ?= 1000
CHAOS_SEED ?= 1
chaos: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen LEAGUEDESK_CHAOS_TRIALS=$(TRIALS) LEAGUEDESK_CHAOS_SEED=$(CHAOS_SEED) \
	    tests/chaos/tst_chaos -maxwarnings 0

# The whole suite on Qt 6.8 (what the Windows and macOS installers ship) in a Debian 13 root,
# cached under /var/cache/leaguedesk (see scripts/check-qt68.sh and packaging/README.md). Root.
# CTEST_ARGS reaches the ctest inside (e.g. make check-qt68 CTEST_ARGS='-R tst_recovery').
.PHONY: check-qt68
check-qt68:
	CTEST_ARGS='$(CTEST_ARGS)' scripts/check-qt68.sh
