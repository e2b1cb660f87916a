// Assessor page: not built yet.
export default function Assessor(_props: { id?: number }) {
  return <h1>Assessor</h1>;
}
