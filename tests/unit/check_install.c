/* check_install.c — tools/install.c. */
#include "unit.h"

Suite *install_suite(void)
{
	return suite_create("install");
}
