/// Where a diagnostic points: a file, and, when the problem is inside it, a line and column.
///
/// Lines and columns start at 1, as in Yams' `Mark`, so `file:line:column` is what editors and
/// CI annotations expect.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the operator named it (or as joined from a directory they named), never made absolute,
    /// so messages read the way the command line was typed.
    public var file: String
    /// 1-based line, or `nil` when the diagnostic is about the file as a whole.
    public var line: Int?
    /// 1-based column, counted in Unicode scalars like libyaml.
    public var column: Int?

    /// Creates a location.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, or just `file` when there is no position.
    public var description: String {
        guard let line else { return file }
        guard let column else { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }
}
