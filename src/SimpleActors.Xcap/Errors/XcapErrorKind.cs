namespace SimpleActors.Xcap.Errors;

/// <summary>The conflict elements of an <c>application/xcap-error+xml</c> body (RFC 4825 section 11).</summary>
public enum XcapErrorKind
{
    NotWellFormed,
    NotXmlFrag,
    NoParent,
    SchemaValidationError,
    NotXmlAttValue,
    CannotInsert,
    CannotDelete,
    UniquenessFailure,
    ConstraintFailure,
    NotUtf8,
}
