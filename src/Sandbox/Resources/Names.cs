namespace ChatOpsRelease.Sandbox.Resources;

/// <summary>Generated names in the API server's alphabet (no vowels, no confusable digits).</summary>
internal static class Names
{
    public const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string RandomSuffix(int length = 5)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>Encodes a hash as a fixed-length string over <see cref="Alphabet"/>.</summary>
    public static string Encode(ulong value, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[(int)(value % (ulong)Alphabet.Length)];
            value /= (ulong)Alphabet.Length;
        }

        return new string(chars);
    }
}
