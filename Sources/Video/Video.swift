// The Video module; see its issue.
