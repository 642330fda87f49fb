/* cmd_store.h — the store commands of the dyad CLI (src/store.h underneath).
 *
 * Each takes argv with argv[0] = the command name and returns the exit
 * status: 0 success, 1 some documents failed (ingest, recode), 2 usage
 * error or the store could not be used.
 */
#ifndef DYAD_CMD_STORE_H
#define DYAD_CMD_STORE_H

int cmd_ingest(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_relations(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_mixed(int argc, char **argv);
int cmd_triads(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_recode(int argc, char **argv);

/* One line per store command, for the main help ("  ingest INPUTS...  …\n"). */
extern const char *const CMD_STORE_SUMMARY;

/* Writes the help of store command cmd to stdout; returns 0, or -1 when cmd
 * is not a store command. */
int cmd_store_help(const char *cmd);

#endif
