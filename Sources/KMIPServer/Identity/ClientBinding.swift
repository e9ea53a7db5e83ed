/// What a registered client certificate is bound to, as the request handler named it when it
/// built the registry (``ClientRegistry``): for kmipgw, an adapter's row id.
///
/// The server only carries and compares it (a reload that rebinds a certificate closes its
/// connections), so it is an opaque number rather than a type of the store's: `KMIPServer`
/// knows no store, and the handler gets back exactly the value it put in.
public struct ClientBinding: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int64

    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    public var description: String { "\(rawValue)" }
}
