# mnist-tutor: `make run` sets up, builds and starts the tutor; `make test` sets up and runs every test.
SWIFT   ?= swift
PREFIX  ?= /usr/local
RELEASE := .build/release
SHARE    = $(PREFIX)/share/mnist-tutor

.PHONY: all deps build run test screens bench bench-reference install uninstall clean

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
	$(RELEASE)/mnist-tutor bench --epochs 3

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
