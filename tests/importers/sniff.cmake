wenyuan_add_test(sniff_test LABELS unit SOURCES sniff_test.cpp LIBS wenyuan_import)
