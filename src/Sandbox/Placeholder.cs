namespace ChatOpsRelease.Sandbox;
