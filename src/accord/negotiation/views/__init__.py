"""Pages of the negotiation: the compilation view, a provision with its
proposals, the compile form, the position matrix, the status dashboard and
the redline. Views parse the address and the input, ask the rules and the
selectors, call one service and render; see `common` for what they share."""
