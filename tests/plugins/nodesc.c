/* A shared object without a descriptor: the loader must refuse it. */
int kefu_not_a_plugin(void);
int kefu_not_a_plugin(void) { return 42; }
