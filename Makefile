# The two commands of the README:
#   make run   — install what is missing, build, and run the main job
#   make test  — install what the tests need, then run every test
.PHONY: run test build setup

run:
	@bash scripts/setup.sh
	swift build -c release
	.build/release/episodic --help

test:
	@bash scripts/setup.sh --test
	swift build --build-tests
	swift test --skip-build

build:
	swift build
