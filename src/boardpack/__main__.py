from boardpack.program import run

run()
