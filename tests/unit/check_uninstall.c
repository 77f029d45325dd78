/* check_uninstall.c — tools/uninstall.c. */
#include "unit.h"

Suite *uninstall_suite(void)
{
	return suite_create("uninstall");
}
