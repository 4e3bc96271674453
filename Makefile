.PHONY: run test bench lint messages

run:          ## set up (venv, packages, database, demo data) and run web + worker + beat
	bin/setup run
	.venv/bin/python bin/run

test:         ## the whole suite: ruff, mypy, pytest (SQLite + embedded broker unless DATABASE_URL/REDIS_URL)
	bin/setup test
	bin/test

bench:        ## every benchmark under bench/
	bin/setup test
	for script in bench/*.py; do .venv/bin/python $$script; done

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

messages:     ## refresh and compile the translation catalogs
	.venv/bin/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var
	.venv/bin/python manage.py compilemessages --ignore=.venv
