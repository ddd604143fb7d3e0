from boardpack.cli import run

run()
