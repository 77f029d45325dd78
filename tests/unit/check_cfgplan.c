/* check_cfgplan.c — tools/cfgplan.c (filled below). */
#include "unit.h"

Suite *cfgplan_suite(void)
{
	return suite_create("cfgplan");
}
