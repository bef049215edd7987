using System.Text;

namespace SimpleActors.Presence.Tests;

/// <summary>Test shorthands: documents are written as C# strings and read from their UTF-8 bytes.</summary>
internal static class Text
{
    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static string Of(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    public static PidfDocument ParsePidf(string s, PresenceLimits? limits = null) => Pidf.Parse(Utf8(s), limits);

    public static WatcherInfoDocument ParseWatcherInfo(string s, PresenceLimits? limits = null) => WatcherInfo.Parse(Utf8(s), limits);
}
