# lit configuration for the GoogleTest unit tests.
import lit.formats

config.name = "chainrule-unit"
config.suffixes = []
config.test_source_root = config.chainrule_unit_obj_root
config.test_exec_root = config.chainrule_unit_obj_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
