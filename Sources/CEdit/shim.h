#include <stdio.h>
#include <histedit.h>

/*
 * Swift cannot call C variadic functions, and libedit's configuration entry
 * points (el_set, history) are variadic. These fixed-arity wrappers are the
 * only calls the line reader needs; each forwards to one documented request.
 */

static inline int cedit_set_prompt_esc(EditLine *el, char *(*prompt)(EditLine *), char delimiter) {
    return el_set(el, EL_PROMPT_ESC, prompt, delimiter);
}

static inline int cedit_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int cedit_set_history(EditLine *el, History *hist) {
    return el_set(el, EL_HIST, history, hist);
}

static inline int cedit_history_set_size(History *hist, int size) {
    HistEvent event;
    return history(hist, &event, H_SETSIZE, size);
}

static inline int cedit_history_enter(History *hist, const char *line) {
    HistEvent event;
    return history(hist, &event, H_ENTER, line);
}
