# A thin layer over CMake. `make run` and `make test` install what is missing first.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
LISTEN ?= 127.0.0.1:5000
DATA_DIR ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)/berth
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)

.PHONY: all build configure deps deps-test run test test-quick bench format clean

all: build

deps:
	@bash scripts/install-deps.sh build

deps-test:
	@bash scripts/install-deps.sh test

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DBERTH_WERROR=ON $(CMAKE_FLAGS)

configure: $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The console where there is a display, else the headless server. Both keep their data in DATA_DIR.
run: deps configure
	@mkdir -p "$(DATA_DIR)"
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	    cmake --build $(BUILD_DIR) -j $(JOBS) --target berth && \
	    $(BUILD_DIR)/app/console/berth --listen $(firstword $(subst :, ,$(LISTEN))) \
	        --port $(lastword $(subst :, ,$(LISTEN))) --data-dir "$(DATA_DIR)"; \
	else \
	    cmake --build $(BUILD_DIR) -j $(JOBS) --target berthd && \
	    $(BUILD_DIR)/server/daemon/berthd --listen $(LISTEN) --data "$(DATA_DIR)"; \
	fi

test: deps deps-test build
	bash scripts/prepare-test-tools.sh $(BUILD_DIR)
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Only the fast unit and HTTP tests (no real clients).
test-quick: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) -LE clients

# berthd against Debian's docker-registry, same load, plus the machine's ceilings (docs/performance.md).
# Release build in build-bench; sizes come from the environment (see scripts/bench.sh).
bench:
	bash scripts/bench.sh

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
