import { useApp } from "ink";
import React, { Component, type ReactNode } from "react";

interface BoundaryProps {
  onError: (error: Error) => void;
  children: ReactNode;
}

class Boundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: Error) {
    this.props.onError(error);
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * A render error is a bug: the UI stops with it, and runApp leaves the
 * alternate screen and rejects with the error, which the CLI prints. Ink's
 * own boundary would first draw its error overview into the alternate screen
 * that is left at once — drawing nobody sees, with its stack lines keyed by
 * their text, so that two equal frames (`at Array.map`) made React warn.
 */
export function ExitOnCrash(props: { children: ReactNode }) {
  const { exit } = useApp();
  return <Boundary onError={exit}>{props.children}</Boundary>;
}
