# mnist-tutor: `make run` sets up, builds and starts the tutor; `make test` sets up and runs every test.
SWIFT   ?= swift
PREFIX  ?= /usr/local
RELEASE := .build/release
SHARE    = $(PREFIX)/share/mnist-tutor

.PHONY: all deps build run test screens bench bench-reference install uninstall clean fuzz sanitize

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product mnist-tutor

run: build
	$(RELEASE)/mnist-tutor $(ARGS)

# Unit tests and end-to-end tests (these run the built binary, also inside tmux).
test: deps
	$(SWIFT) build
	$(SWIFT) test

# Every reader fuzzed with libFuzzer and AddressSanitizer (Fuzz/README.md): FUZZ_RUNS inputs per target,
# FUZZ_JOBS targets at a time; fails on any crash, leak, input taking over 1 s or 200 MB.
FUZZ_RUNS ?= 1000000
FUZZ_JOBS ?= 2
fuzz: deps
	FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_JOBS=$(FUZZ_JOBS) SWIFT=$(SWIFT) bash Fuzz/run.sh

# Every test under AddressSanitizer (the end-to-end tests run the ASan-built binary), then the tests
# that train on background threads under ThreadSanitizer. Separate build folders: nothing is shared.
TSAN_TESTS ?= TrainingTests|TrainingPanelTests|ShippedDataTests
sanitize: deps
	$(SWIFT) build --scratch-path .build-asan --sanitize address
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan-suppressions.txt $(SWIFT) test --scratch-path .build-asan --sanitize address
	$(SWIFT) build --scratch-path .build-tsan --sanitize thread --build-tests
	$(SWIFT) test --scratch-path .build-tsan --sanitize thread --skip-build --filter '$(TSAN_TESTS)'

# Every lesson at every size (80x24 to 220x60), also after Tab and with its help open, as plain text
# in screens/NN-id/COLSxROWS*.txt for a person to read through; written by the size-matrix test,
# so what is written is what the test checked.
screens: deps
	rm -rf screens
	SCREENS_DIR=$(CURDIR)/screens $(SWIFT) test --filter ScreenMatrixTests
	@echo "Screens written to screens/ ($$(find screens -name '*.txt' | wc -l) files)."

# The engine beside NumPy (the same loop by hand) and TensorFlow/Keras itself, in one run.
bench: deps bench-reference
	$(SWIFT) build -c release --product mnist-bench
	$(SWIFT) build -c release --product mnist-tutor
	$(RELEASE)/mnist-bench
	$(RELEASE)/mnist-tutor bench --epochs 3 --threads 2

# NumPy and TensorFlow for the references, in .venv-bench/ (only what is missing).
bench-reference:
	@bash scripts/bench-reference.sh

install: build
	install -d $(PREFIX)/bin $(SHARE)
	install -m 755 $(RELEASE)/mnist-tutor $(PREFIX)/bin/mnist-tutor
	rm -rf $(SHARE)/Assets $(SHARE)/Lessons
	cp -R Assets $(SHARE)/
	if [ -d Lessons ]; then cp -R Lessons $(SHARE)/; fi

uninstall:
	rm -f $(PREFIX)/bin/mnist-tutor
	rm -rf $(SHARE)

clean:
	$(SWIFT) package clean
