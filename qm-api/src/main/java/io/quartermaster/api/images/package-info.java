/**
 * Master images: registered through {@code POST /api/v1/images} (the file as the body), listed, read and
 * deleted there, and downloaded by host agents from {@code /agent/v1/images/{id}/content}.
 */
package io.quartermaster.api.images;
