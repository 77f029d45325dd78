/* check_plan.c — tools/plan.c. */
#include "unit.h"

Suite *plan_suite(void)
{
	return suite_create("plan");
}
