# dyad — thin wrapper over CMake. `make demo` and `make check` install what
# they need (scripts/deps.sh), build, and run.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DYAD := $(BUILD)/dyad

.PHONY: all build deps demo check test sanitize bench clean format

all: build

deps:
	@bash scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_RULE_MESSAGES=OFF -DCMAKE_TARGET_MESSAGES=OFF >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory -s

demo: build
	@bash scripts/demo.sh $(DYAD)

# Unit, golden and evaluation tests, then the same unit tests under ASan+UBSan.
check: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory sanitize

sanitize: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DDYAD_SANITIZE=ON -DCMAKE_RULE_MESSAGES=OFF -DCMAKE_TARGET_MESSAGES=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) -- --no-print-directory -s
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS) -LE slow

bench: build
	@bash bench/run.sh $(DYAD)

format:
	@clang-format -i src/*.c src/*.h src/cli/*.c tests/*.c

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
