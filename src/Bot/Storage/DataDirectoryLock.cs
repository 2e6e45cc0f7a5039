namespace ChatOpsRelease.Bot.Storage;

/// <summary>Thrown when another bot process holds the embedded data folder.</summary>
public sealed class DataDirectoryBusyException(string message) : IOException(message);

/// <summary>
/// Keeps the embedded data folder to one bot process: two processes writing one LiteDB or SQLite file can lose each
/// other's writes, so the second is refused at start with a sentence. The lock is the operating system's (an exclusive
/// lock on <c>bot.lock</c>), so it ends with the process however the process ends; <c>bot.owner</c> says who holds it.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private const string LockFile = "bot.lock";
    private const string OwnerFile = "bot.owner";

    private readonly FileStream _lock;

    private DataDirectoryLock(FileStream held) => _lock = held;

    public static DataDirectoryLock Acquire(string folder)
    {
        Directory.CreateDirectory(folder);
        try
        {
            var held = new FileStream(Path.Combine(folder, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(Path.Combine(folder, OwnerFile), $"process {Environment.ProcessId} on {Environment.MachineName} since {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss'Z'}\n");
            return new DataDirectoryLock(held);
        }
        catch (IOException ex) when (ex is not DataDirectoryBusyException)
        {
            var owner = ReadOwner(folder);
            throw new DataDirectoryBusyException(
                $"Another ChatOpsRelease process{owner} is using the data folder {folder}. Two processes on one embedded database can lose "
                + "each other's writes, so this one does not start. Stop the other one, give this one its own Storage:DataDirectory, or run "
                + "several replicas on PostgreSQL (Storage:Provider postgres).");
        }
    }

    public void Dispose() => _lock.Dispose();

    private static string ReadOwner(string folder)
    {
        try
        {
            return File.ReadAllText(Path.Combine(folder, OwnerFile)).Trim() is { Length: > 0 } owner ? $" ({owner})" : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
