# Two entry points for a fresh machine (see README):
#   make demo   set everything up, open JupyterLab on examples/demo.ipynb
#   make test   set everything up, run every test
.PHONY: demo test setup bench

demo:
	bash scripts/demo.sh

test:
	bash scripts/test-all.sh

setup:
	bash scripts/setup.sh

bench:
	npm run bench
