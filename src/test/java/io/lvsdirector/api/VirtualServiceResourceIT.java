package io.lvsdirector.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (and, with -Paot, the training run of its AOT cache). */
@QuarkusIntegrationTest
class VirtualServiceResourceIT extends VirtualServiceResourceTest {
}
