# The two commands of the README: `make demo` and `make test`.
# Both create .venv and install what they need on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install web-assets gazetteer models clean-db bench

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

install: $(STAMP) web-assets

# The map's Leaflet files: vendored (committed, with their licences) from the
# npm packages pinned in web/package-lock.json.  Runs npm only when missing;
# `rm -r $(VENDOR) && make web-assets` refreshes them.
VENDOR := src/frontline/web/vendor
web-assets: $(VENDOR)/leaflet/leaflet.js $(VENDOR)/swagger-ui/swagger-ui-bundle.js

$(VENDOR)/leaflet/leaflet.js:
	cd web && npm ci --no-audit --no-fund --ignore-scripts
	mkdir -p $(VENDOR)/leaflet $(VENDOR)/markercluster
	cp -r web/node_modules/leaflet/dist/leaflet.js web/node_modules/leaflet/dist/leaflet.css \
	  web/node_modules/leaflet/dist/images web/node_modules/leaflet/LICENSE $(VENDOR)/leaflet/
	cp web/node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
	  web/node_modules/leaflet.markercluster/dist/MarkerCluster.css \
	  web/node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
	  web/node_modules/leaflet.markercluster/MIT-LICENCE.txt $(VENDOR)/markercluster/

# Swagger UI for /docs (Apache-2.0), so the API docs work offline too.
$(VENDOR)/swagger-ui/swagger-ui-bundle.js:
	cd web && npm ci --no-audit --no-fund --ignore-scripts
	mkdir -p $(VENDOR)/swagger-ui
	cd web/node_modules/swagger-ui-dist && cp swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css \
	  favicon-32x32.png LICENSE NOTICE ../../../$(VENDOR)/swagger-ui/

demo: install
	$(BIN)/frontline demo

test: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks scripts

bench: install
	$(BIN)/python benchmarks/run.py
