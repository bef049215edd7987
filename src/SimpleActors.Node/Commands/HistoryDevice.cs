namespace SimpleActors.Node.Commands;

/// <summary>
/// A service (PIDF tuple, RFC 3863 section 4.1.2) or a device (<c>dm:device</c>, RFC 4479 section 3.4) of the
/// document watchers were sent, as a history row names it: a tuple with its basic status and the device it runs on
/// (its <c>dm:deviceID</c>, and the <c>dm:device</c> element with that deviceID, if any); a device no tuple names,
/// alone.
/// </summary>
/// <param name="Tuple">The tuple's id; null for a device no tuple names.</param>
/// <param name="Basic">The tuple's basic status (open, closed), if it has one.</param>
/// <param name="DeviceId">The <c>dm:deviceID</c> (e.g. <c>urn:uuid:...</c>), if any.</param>
/// <param name="Device">The id of the <c>dm:device</c> element with that deviceID, if any.</param>
internal sealed record HistoryDevice(string? Tuple, string? Basic, string? DeviceId, string? Device)
{
    /// <summary>
    /// E.g. <c>sv51 open on dv3</c> (the tuple runs on the dm:device dv3), <c>sv51 open on urn:uuid:6d6f...</c> (a deviceID
    /// no dm:device carries), <c>sv51 closed</c>, or <c>dm:device dv3</c> (a device no tuple names).
    /// </summary>
    public override string ToString() => Tuple is null
        ? $"dm:device {Device}"
        : $"{Tuple} {Basic ?? "-"}" + ((Device ?? DeviceId) is { } on ? $" on {on}" : string.Empty);
}
