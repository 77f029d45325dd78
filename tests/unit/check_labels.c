/* check_labels.c — tools/labels.c (filled below). */
#include "unit.h"

Suite *labels_suite(void)
{
	return suite_create("labels");
}
