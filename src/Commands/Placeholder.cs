namespace ChatOpsRelease.Commands;
