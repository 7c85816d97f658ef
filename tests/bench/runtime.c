/* SPDX-License-Identifier: ISC */
/*
 * runtime: run a command N times, its output to /dev/null, and print the
 * median wall time in seconds, the peak resident set size in kB and the
 * median CPU time (user + system) in seconds: "0.004213 5120 0.004100".
 * The RSS is the largest over the runs, the command's own or any of its
 * children's (wait4 reports both).  CPU time above wall time means more
 * than one core worked.  A run that fails
 * makes the exit status 1, after all runs.
 * Usage: runtime N COMMAND [ARG...]
 */
#define _DEFAULT_SOURCE
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int
by_value(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
seconds_of(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* One run: its wall and CPU time, and whether it exited 0. */
static int
run_once(char **argv, double *seconds, double *cpu, long *maxrss)
{
	struct timespec	 t0, t1;
	struct rusage	 ru;
	pid_t		 pid;
	int		 status, fd;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == -1)
		return 0;
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) == -1 ||
		    dup2(fd, 1) == -1 || dup2(fd, 2) == -1)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) == -1)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*seconds = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	*cpu = seconds_of(ru.ru_utime) + seconds_of(ru.ru_stime);
	if (ru.ru_maxrss > *maxrss)
		*maxrss = ru.ru_maxrss;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int
main(int argc, char **argv)
{
	double	*t, *c;
	long	 n, i, maxrss = 0;
	int	 ok = 1;

	if (argc < 3 || (n = strtol(argv[1], NULL, 10)) < 1) {
		fprintf(stderr, "usage: runtime N COMMAND [ARG...]\n");
		return 2;
	}
	if ((t = calloc((size_t)n, sizeof(*t))) == NULL ||
	    (c = calloc((size_t)n, sizeof(*c))) == NULL)
		return 2;
	for (i = 0; i < n; i++)
		ok &= run_once(argv + 2, &t[i], &c[i], &maxrss);
	qsort(t, (size_t)n, sizeof(*t), by_value);
	qsort(c, (size_t)n, sizeof(*c), by_value);
	printf("%.6f %ld %.6f\n", t[(n - 1) / 2], maxrss, c[(n - 1) / 2]);
	free(t);
	free(c);
	return ok ? 0 : 1;
}
