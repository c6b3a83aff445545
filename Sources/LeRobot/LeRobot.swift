// The LeRobot module; see its issue.
