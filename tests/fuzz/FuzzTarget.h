#pragma once

// The libFuzzer entry points every target in tests/fuzz defines. The same source builds two ways:
// with clang's -fsanitize=fuzzer for `make fuzz`, and with the normal compiler plus ReplayMain.cpp
// so `make test` replays the seed corpus (tests/fuzz/corpus/<target>/) as a regression test.

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// A finding that is not a crash by itself (a broken round trip): abort so the fuzzer keeps it.
#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            fuzzCheckFailed(#condition, __FILE__, __LINE__);                                                           \
    } while (false)

[[noreturn]] void fuzzCheckFailed(const char *condition, const char *file, int line);
