/** Whether a closed stdout (EPIPE) ends the process: yes for one-shot commands piped to head, never for the server. */
export const stdoutPolicy = { exitOnEpipe: true };
