# The two commands of the README:
#   make run   — install what is missing, build in release mode, record ./demo-dataset and verify it
#   make test  — install what the tests need, then run every test
.PHONY: run test build setup

run:
	@bash scripts/setup.sh
	swift build -c release --product episodic
	rm -rf demo-dataset demo-dataset.spool
	.build/release/episodic record --output demo-dataset --episodes 3 --episode-seconds 10 --cameras 2 --task "pick up the cube"
	.build/release/episodic verify demo-dataset

test:
	@bash scripts/setup.sh --test
	swift build --build-tests
	swift test --skip-build

build:
	swift build
