/**
 * The self-service portal: server-rendered pages (Thymeleaf) with htmx for the parts that update in
 * place. It holds no data and no rules of its own: every page reads and acts through the same services
 * as the REST API, so what a person may see and do here is exactly what the API would let them.
 */
package io.quartermaster.server.portal;
