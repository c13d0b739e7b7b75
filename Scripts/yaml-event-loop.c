/*
 * libyaml's bare event loop over one file: the yardstick of `Scripts/bench
 * load`, which runs it and `callguide check FILE` as whole processes, one
 * after the other, and compares their CPU time, wall time and peak memory.
 * It reads the file as `callguide check` does (all of it into memory), then
 * parses it into events and deletes each one, doing nothing else.
 *
 *   cc -O2 Scripts/yaml-event-loop.c $(pkg-config --cflags --libs yaml-0.1)
 *   ./a.out FILE        prints the number of events; exit 1 on a YAML error
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: yaml-event-loop FILE\n");
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) {
        perror(argv[1]);
        return 2;
    }
    size_t capacity = 1 << 16, size = 0, got;
    unsigned char *bytes = malloc(capacity);
    while (bytes && (got = fread(bytes + size, 1, capacity - size, file)) > 0) {
        size += got;
        if (size == capacity) bytes = realloc(bytes, capacity *= 2);
    }
    fclose(file);
    if (!bytes) return 2;

    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    int done = 0, failed = 0;
    if (!yaml_parser_initialize(&parser)) return 2;
    yaml_parser_set_input_string(&parser, bytes, size);
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) {
            failed = 1;
            break;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        events++;
    }
    yaml_parser_delete(&parser);
    free(bytes);
    printf("%ld events\n", events);
    return failed;
}
